print("pipe")
